package dev.resilience.sample.gateway;

import dev.resilience.sample.modelserver.ModelProfile;
import dev.resilience.sample.modelserver.ModelServerMain;
import dev.resilience.sample.modelserver.SimulatedModelServer;
import dev.resilience.spring.RateLimiterRegistry;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** Wires the gateway: the model server (embedded or remote), its client, back-ends and service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    /** Worker threads of the HTTP client that calls the model server. */
    public static final int MODEL_CLIENT_THREADS = 16;

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "gateway.model-server.embedded", matchIfMissing = true)
    SimulatedModelServer simulatedModelServer(GatewayProperties properties) {
        GatewayProperties.ModelServer settings = properties.modelServer();
        List<ModelProfile> models = settings.models().isEmpty()
                ? ModelServerMain.DEFAULT_MODELS
                : settings.models().entrySet().stream()
                        .map(e -> new ModelProfile(
                                e.getKey(),
                                e.getValue().promptMicrosPerToken(),
                                e.getValue().completionMicrosPerToken()))
                        .toList();
        return SimulatedModelServer.start(0, settings.threads(), models);
    }

    @Bean
    ModelServerAddress modelServerAddress(GatewayProperties properties, ObjectProvider<SimulatedModelServer> embedded) {
        SimulatedModelServer server = embedded.getIfAvailable();
        return new ModelServerAddress(
                server != null ? server.baseUri() : properties.modelServer().url());
    }

    @Bean
    ModelClient modelClient(ModelServerAddress address, GatewayProperties properties) {
        GatewayProperties.ModelServer settings = properties.modelServer();
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .executor(modelClientExecutor())
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(settings.readTimeout());
        RestClient restClient = RestClient.builder()
                .baseUrl(address.baseUri().toString())
                .requestFactory(requestFactory)
                .build();
        return new ModelClient(restClient);
    }

    /**
     * The HTTP client's own worker threads, bounded: the JDK's default is an unbounded cached
     * pool, which under a burst of slow model answers would grow with the number of calls.
     * Idle workers end after a while, so an idle gateway holds none.
     */
    private static ExecutorService modelClientExecutor() {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                MODEL_CLIENT_THREADS, MODEL_CLIENT_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "model-client-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Bean
    AnswerCache answerCache(GatewayProperties properties) {
        return new AnswerCache(properties.cacheSize());
    }

    @Bean
    SmallModelBackend smallModelBackend(ModelClient client, AnswerCache cache, GatewayProperties properties) {
        return new SmallModelBackend(client, cache, properties.smallModel(), properties.unavailableRetryAfter());
    }

    @Bean
    LargeModelBackend largeModelBackend(
            ModelClient client, SmallModelBackend smallModel, AnswerCache cache, GatewayProperties properties) {
        return new LargeModelBackend(client, smallModel, cache, properties.largeModel());
    }

    @Bean
    FreeTierGate freeTierGate(
            LargeModelBackend largeModel, SmallModelBackend smallModel, GatewayProperties properties) {
        return new FreeTierGate(largeModel, smallModel, properties.smallModel());
    }

    @Bean
    PremiumTierGate premiumTierGate(
            LargeModelBackend largeModel, SmallModelBackend smallModel, GatewayProperties properties) {
        return new PremiumTierGate(largeModel, smallModel, properties.smallModel());
    }

    @Bean
    ChatService chatService(GatewayProperties properties, List<TierGate> gates, SharedTokenPool pool) {
        return new ChatService(properties, gates, pool);
    }

    @Bean
    SharedTokenPool sharedTokenPool(RateLimiterRegistry limiters, GatewayProperties properties) {
        return new SharedTokenPool(limiters, properties.poolReserves());
    }

    @Bean
    TenantBudgets tenantBudgets(RateLimiterRegistry limiters) {
        return new TenantBudgets(limiters);
    }

    @Bean
    ChatRequestValidator chatRequestValidator(GatewayProperties properties) {
        return new ChatRequestValidator(properties);
    }
}
