package org.metricagateway.web;

import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

/**
 * Turns Bean Validation and Jackson mapping failures into {@link Violation}s that name the JSON field
 * (snake_case) and the conversion's index. Never uses the exceptions' own messages: those echo rejected values.
 */
public final class ViolationMapper {
    private ViolationMapper() {
    }

    public static List<Violation> fromConstraints(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(ViolationMapper::fromConstraint).sorted().toList();
    }

    private static Violation fromConstraint(ConstraintViolation<?> violation) {
        Integer index = null;
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getIndex() != null) {
                index = node.getIndex();
            }
            if (node.getName() != null) {
                field = node.getName();
            }
        }
        Object leaf = violation.getLeafBean();
        return new Violation(index, leaf == null || field == null ? field : jsonName(leaf.getClass(), field),
                violation.getMessage());
    }

    /** A Jackson type error: the path gives the index and the field; the message is ours. */
    public static Violation fromMapping(JsonMappingException e) {
        Integer index = null;
        String field = null;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                index = ref.getIndex();
            }
            if (ref.getFieldName() != null && !"conversions".equals(ref.getFieldName())) {
                field = ref.getFieldName();
            }
        }
        return new Violation(index, field, "has the wrong type: expected " + expectedType(e));
    }

    private static String expectedType(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            Class<?> type = mismatch.getTargetType();
            if (type == String.class) {
                return "a string or a number";
            }
            if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                return "an array";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "a boolean";
            }
            if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
                return "a number";
            }
            return "an object";
        }
        return "another JSON type";
    }

    /** The JSON name of a Java property; names that are not properties (unknown fields) stay as sent. */
    private static String jsonName(Class<?> beanType, String name) {
        var description = Json.MAPPER.getDeserializationConfig()
                .introspect(Json.MAPPER.constructType(beanType));
        return description.findProperties().stream()
                .filter(p -> p.getInternalName().equals(name))
                .map(p -> p.getName())
                .findFirst()
                .orElse(name);
    }
}
