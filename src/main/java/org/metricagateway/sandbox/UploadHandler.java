package org.metricagateway.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** Steps 4 to 11 of the upload pipeline, for a request that passed authentication, quotas and injected failures. */
final class UploadHandler {
    private final FileChecker checker;
    private final UploadingStore store;
    private final Lifecycle lifecycle;
    private final ReceivedTraffic traffic;
    private final SandboxSwitches switches;
    private final Clock clock;

    UploadHandler(FileChecker checker, UploadingStore store, Lifecycle lifecycle, ReceivedTraffic traffic,
                  SandboxSwitches switches, Clock clock) {
        this.checker = checker;
        this.store = store;
        this.lifecycle = lifecycle;
        this.traffic = traffic;
        this.switches = switches;
        this.clock = clock;
    }

    Reply upload(Call call, long counterId) {
        SandboxRequest request = call.request();
        Instant now = clock.instant();
        UploadParameters parameters = UploadParameters.parse(request.query());
        UploadBody body = request.body().orElseThrow();
        String text = body.text(switches.maxFileBytes());
        CheckedFile file = checker.check(text, parameters.clientIdType(), now);
        if (file.lineQuantity() == 0 && switches.rejectUploadsWithoutValidRows()) {
            throw MetricaError.invalidUploading("Файл не содержит ни одной корректной строки");
        }
        checkJoinWindow(parameters, now);
        StoredUploading upload = store.add(counterId, now, parameters, file);
        traffic.accepted(new ReceivedUpload(upload, call.login().orElseThrow(), request, body, text, file));
        return Reply.ok(SandboxJson.uploadingAnswer(lifecycle.uploaded(upload), switches.leaveOutOptionalFields()));
    }

    private void checkJoinWindow(UploadParameters parameters, Instant now) {
        Optional<Instant> opensAt = switches.joinWindowOpensAt();
        if (opensAt.isPresent() && now.isBefore(opensAt.get()) && !parameters.ignoreJoinWindow()) {
            throw MetricaError.invalidUploading("Загрузить данные сейчас невозможно. Загрузка станет доступна "
                    + LocalDate.ofInstant(opensAt.get(), ZoneOffset.UTC));
        }
    }
}
