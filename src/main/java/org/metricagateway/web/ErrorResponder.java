package org.metricagateway.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.apache.camel.Exchange;
import org.apache.camel.component.bean.validator.BeanValidationException;
import org.metricagateway.logging.Correlation;
import org.metricagateway.retry.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every failed API request as {@code {"error": code, "message": ..., ...}} with its HTTP status. Used by the
 * shared {@code api-errors} route configuration. Exception texts never reach the client: they can hold rejected
 * values, secrets or SQL.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    private final MeterRegistry meters;

    public ErrorResponder(MeterRegistry meters) {
        this.meters = meters;
    }

    public void respond(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException error = toApiException(failure);
        String route = exchange.getFromRouteId();
        Counter.builder("gateway.requests.rejected").description("Requests answered with an error, by API and code")
                .tag("api", route != null && route.startsWith("ingest") ? "ingest" : "admin")
                .tag("error", error.code()).register(meters).increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.getMessage());
        body.putAll(error.details());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(RequestCorrelation.HEADER, exchange.getProperty(Correlation.PROPERTY));
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsBytes(body));
    }

    static ApiException toApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof BeanValidationException invalid) {
            return ApiException.validation(ViolationMapper.fromConstraints(invalid.getConstraintViolations()));
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ApiException.validation(List.of(ViolationMapper.fromMapping(mapping)));
        }
        if (failure instanceof JsonProcessingException) {
            return new ApiException(400, "malformed_json", "The body is not valid JSON");
        }
        if (Causes.find(failure, JsonQueryException.class) != null) {
            // An adapter's jq met a payload it cannot read: the sender's data, not a bug of ours.
            return new ApiException(422, "unreadable_payload",
                    "The webhook's adapter cannot read this payload; nothing was stored");
        }
        if (isDatabaseUnavailable(failure)) {
            LOG.warn("Database unavailable: {}", Causes.root(failure).getClass().getSimpleName());
            return new ApiException(503, "database_unavailable",
                    "The database is not available; nothing was stored. Retry later.");
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Unexpected failure, reference {}", reference, failure);
        return new ApiException(500, "internal_error", "Unexpected error; nothing was stored",
                Map.of("reference", reference));
    }

    private static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    // 08: connection exceptions; 57P0x: server shutting down; 57014: statement timeout.
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                        || sql.getSQLState().equals("57014"))) {
                return true;
            }
        }
        return false;
    }
}
