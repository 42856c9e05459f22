package org.metricagateway.sandbox;

import java.util.regex.Pattern;

/**
 * Metrica's rule for an upload's comment: at most 255 characters; letters (Latin, Cyrillic, any script), digits,
 * spaces and common punctuation. Yandex's tests show an emoji being refused; the exact set is undocumented, so this
 * one refuses symbols, emoji and control characters and allows the punctuation real clients put in batch names.
 */
final class CommentRule {
    static final int MAX_LENGTH = 255;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Nd} .,:;!?()\\[\\]{}'\"«»/\\\\@#№%&*+=_<>|~-]*");

    private CommentRule() {
    }

    static void check(String comment) {
        if (comment.codePointCount(0, comment.length()) > MAX_LENGTH) {
            throw MetricaError.invalidParameter("Длина комментария не должна превышать " + MAX_LENGTH + " символов.");
        }
        if (!ALLOWED.matcher(comment).matches()) {
            throw MetricaError.invalidParameter("Комментарий содержит недопустимые символы.");
        }
    }
}
