package org.metricagateway.admin.validation;

import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.metricagateway.admin.AdminRequest;

public final class NoUnknownFieldsValidator implements ConstraintValidator<NoUnknownFields, AdminRequest> {
    private Set<String> unchangeable;
    private String unchangeableMessage;

    @Override
    public void initialize(NoUnknownFields annotation) {
        unchangeable = Set.of(annotation.unchangeable());
        unchangeableMessage = annotation.unchangeableMessage();
    }

    @Override
    public boolean isValid(AdminRequest request, ConstraintValidatorContext context) {
        if (request == null || request.getUnknownFields().isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (String field : request.getUnknownFields()) {
            String message = unchangeable.contains(field)
                    ? unchangeableMessage : context.getDefaultConstraintMessageTemplate();
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
        }
        return false;
    }
}
