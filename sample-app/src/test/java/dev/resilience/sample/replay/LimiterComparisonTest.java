package dev.resilience.sample.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimiterComparisonTest {

    private static final Tenant FREE = new Tenant("free-1", "free", 1);

    @Test
    void reconciliationAdmitsNearlyWhatTheIdealLimiterAdmitsAndFarMoreThanTheEstimateAlone() {
        List<TraceRow> rows = SyntheticTrace.generate(3_000, Duration.ofMinutes(30), 7);
        List<Tenant> tenants = Collections.nCopies(rows.size(), FREE);

        List<PolicyResult> results = LimiterComparison.compare(rows, tenants, Map.of("free", 20_000L), 1024);

        assertThat(result(results, "tokens, reconciled").shareOfIdeal()).isGreaterThanOrEqualTo(95);
        assertThat(result(results, "tokens, estimate only").shareOfIdeal()).isLessThan(80);
    }

    @Test
    void tokenPoliciesNeverLetRealUsageExceedTheBudgetByMoreThanTwoPercent() {
        List<TraceRow> rows = SyntheticTrace.generate(3_000, Duration.ofMinutes(30), 11);
        List<Tenant> tenants = Collections.nCopies(rows.size(), FREE);

        List<PolicyResult> results = LimiterComparison.compare(rows, tenants, Map.of("free", 20_000L), 1024);

        for (String policy : List.of("tokens, estimate only", "tokens, reconciled", "ideal")) {
            assertThat(result(results, policy).runOvershootPercent()).as(policy).isLessThanOrEqualTo(2);
            assertThat(result(results, policy).windowOvershootPercent())
                    .as(policy)
                    .isLessThanOrEqualTo(2);
        }
    }

    private static PolicyResult result(List<PolicyResult> results, String policy) {
        return results.stream()
                .filter(r -> r.policy().equals(policy))
                .findFirst()
                .orElseThrow();
    }
}
