package org.metricagateway.webhooks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.metricagateway.web.Json;

/**
 * Webhooks by id for the ingest hot path, cached for a short time so that a busy webhook does not cost a query per
 * request. Changes made through this instance's admin API are seen at once ({@link #evict}); other replicas see
 * them within the cache TTL (documented in docs/api.md).
 */
public final class WebhookDirectory {
    private static final String SELECT = """
            SELECT id, counter_id, default_target, active, allowed_ips::text[], secret_hash,
                   previous_secret_hash, previous_secret_expires_at, format, settings::text AS settings,
                   secret_in_query
              FROM webhooks WHERE id = ?""";

    private final DataSource dataSource;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Webhook> webhook, Instant loadedAt) {
    }

    public WebhookDirectory(DataSource dataSource, Duration ttl, Clock clock) {
        this.dataSource = dataSource;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Optional<Webhook> find(UUID id) throws SQLException {
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached != null && cached.loadedAt().plus(ttl).isAfter(now)) {
            return cached.webhook();
        }
        Optional<Webhook> loaded = load(id);
        // Unknown ids are not cached: a webhook created on another replica works at once, and random ids sent
        // by strangers cannot fill the cache.
        loaded.ifPresentOrElse(w -> cache.put(id, new Cached(loaded, now)), () -> cache.remove(id));
        return loaded;
    }

    public void evict(UUID id) {
        cache.remove(id);
    }

    /** The webhook as stored now, bypassing the cache (for admin checks). */
    public Optional<Webhook> load(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setObject(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array ips = rs.getArray("allowed_ips");
                List<IpRange> allowed = ips == null ? List.of()
                        : Arrays.stream((String[]) ips.getArray()).map(IpRange::parse).toList();
                Timestamp expires = rs.getTimestamp("previous_secret_expires_at");
                return Optional.of(new Webhook(
                        rs.getObject("id", UUID.class),
                        rs.getLong("counter_id"),
                        rs.getString("default_target"),
                        rs.getBoolean("active"),
                        allowed,
                        rs.getBytes("secret_hash"),
                        rs.getBytes("previous_secret_hash"),
                        expires == null ? null : expires.toInstant(),
                        rs.getString("format"),
                        Json.MAPPER.readTree(rs.getString("settings")),
                        rs.getBoolean("secret_in_query")));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("webhooks.settings is not JSON", e);
            }
        }
    }
}
