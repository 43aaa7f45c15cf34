package dev.resilience.sample.replay;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Spreads the requests of a trace over tenants by weight, reproducibly for a given seed.
 *
 * <p>The standard mix has four free tenants carrying 70% of the traffic and two premium tenants
 * carrying 30%; {@code application.yml} maps the same names to the same tiers.
 */
public final class TenantMix {

    private final List<Tenant> tenants;
    private final double[] cumulative;

    /** Creates a mix of these tenants. */
    public TenantMix(List<Tenant> tenants) {
        this.tenants = List.copyOf(tenants);
        this.cumulative = new double[tenants.size()];
        double sum = 0;
        for (int i = 0; i < tenants.size(); i++) {
            sum += tenants.get(i).weight();
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** Four free tenants with 70% of the traffic, two premium ones with 30%. */
    public static TenantMix standard() {
        return new TenantMix(List.of(
                new Tenant("free-1", "free", 17.5),
                new Tenant("free-2", "free", 17.5),
                new Tenant("free-3", "free", 17.5),
                new Tenant("free-4", "free", 17.5),
                new Tenant("premium-1", "premium", 15),
                new Tenant("premium-2", "premium", 15)));
    }

    /** The tenants of the mix. */
    public List<Tenant> tenants() {
        return tenants;
    }

    /** Picks a tenant for the next request. */
    public Tenant pick(SplittableRandom random) {
        double draw = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return tenants.get(i);
            }
        }
        return tenants.get(tenants.size() - 1);
    }
}
