package org.metricagateway.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The legacy join-window endpoints, as stubs: enabling or disabling the extended threshold answers
 * {"success":true} and changes nothing; visit_join_threshold gives the date the join window opens (the switch's),
 * or else the start of today's attribution window.
 */
final class ThresholdHandler {
    private final SandboxSwitches switches;
    private final Clock clock;

    ThresholdHandler(SandboxSwitches switches, Clock clock) {
        this.switches = switches;
        this.clock = clock;
    }

    Reply extendedThreshold() {
        ObjectNode body = SandboxJson.object();
        body.put("success", true);
        return Reply.ok(body);
    }

    Reply visitJoinThreshold() {
        LocalDate date = LocalDate.ofInstant(
                switches.joinWindowOpensAt().orElseGet(() -> clock.instant().minus(switches.attributionWindow())),
                ZoneOffset.UTC);
        ObjectNode body = SandboxJson.object();
        body.put("date", date.toString());
        return Reply.ok(body);
    }
}
