package org.metricagateway.admin.validation;

import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

public final class CidrBlocksValidator implements ConstraintValidator<CidrBlocks, List<String>> {
    @Override
    public boolean isValid(List<String> blocks, ConstraintValidatorContext context) {
        if (blocks == null) {
            return true;
        }
        if (blocks.size() > WebhookValues.MAX_ALLOWED_IPS) {
            return false;
        }
        List<WebhookValues.Problem> problems = WebhookValues.blockProblems(blocks);
        if (problems.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (WebhookValues.Problem problem : problems) {
            // The reason is passed as a parameter, never as a template: it is not ours to interpret.
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("reason", problem.reason())
                    .buildConstraintViolationWithTemplate("{reason}")
                    .addBeanNode().inIterable().atIndex(problem.index())
                    .addConstraintViolation();
        }
        return false;
    }
}
