package dev.resilience.sample.hardening;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatCompletionResponse;
import dev.resilience.sample.gateway.AnswerCache;
import dev.resilience.sample.gateway.ChatService;
import dev.resilience.sample.gateway.GatewayAnswer;
import dev.resilience.sample.gateway.GatewayProperties;
import dev.resilience.sample.gateway.LargeModelBackend;
import dev.resilience.sample.gateway.ModelClient;
import dev.resilience.sample.gateway.ServedBy;
import dev.resilience.sample.gateway.SmallModelBackend;
import dev.resilience.spring.annotation.CircuitBreaker;
import dev.resilience.spring.annotation.RateLimited;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The gateway guarded the way the starter is meant to guard it: a per-tenant request limit
 * ({@value #TENANT_LIMIT}, keyed by the {@code X-Tenant} header) in front of the service, and a
 * breaker ({@value #LARGE_MODEL}) around the large model with the small model as its fallback.
 * The limits and breaker settings come from properties, so the tests can compute the bounds.
 */
@TestConfiguration(proxyBeanMethods = false)
class GuardedGatewayConfiguration {

    static final String TENANT_LIMIT = "tenant-requests";

    static final String LARGE_MODEL = "large-model";

    @Bean
    @Primary
    GuardedLargeModel guardedLargeModel(
            ModelClient client, SmallModelBackend smallModel, AnswerCache cache, GatewayProperties properties) {
        return new GuardedLargeModel(client, smallModel, cache, properties.largeModel());
    }

    @Bean
    @Primary
    LimitedChatService limitedChatService(
            GuardedLargeModel largeModel, SmallModelBackend smallModel, GatewayProperties properties) {
        return new LimitedChatService(largeModel, smallModel, properties.smallModel());
    }

    /** The chat service, limited per tenant. */
    static class LimitedChatService extends ChatService {

        LimitedChatService(LargeModelBackend largeModel, SmallModelBackend smallModel, String smallModelName) {
            super(largeModel, smallModel, smallModelName);
        }

        @Override
        @RateLimited(name = TENANT_LIMIT, key = "#p0")
        public GatewayAnswer complete(String tenant, ChatCompletionRequest request) {
            return super.complete(tenant, request);
        }
    }

    /** The large model behind a breaker whose fallback is the small model. */
    static class GuardedLargeModel extends LargeModelBackend {

        private final ModelClient client;
        private final SmallModelBackend smallModel;
        private final AnswerCache cache;
        private final String model;

        GuardedLargeModel(ModelClient client, SmallModelBackend smallModel, AnswerCache cache, String model) {
            super(client, smallModel, cache, model);
            this.client = client;
            this.smallModel = smallModel;
            this.cache = cache;
            this.model = model;
        }

        @Override
        @CircuitBreaker(name = LARGE_MODEL, fallbackMethod = "askSmallModel")
        public GatewayAnswer complete(ChatCompletionRequest request) {
            ChatCompletionResponse response = client.complete(model, request);
            cache.put(request.messages(), response);
            return new GatewayAnswer(response, ServedBy.PRIMARY);
        }

        GatewayAnswer askSmallModel(ChatCompletionRequest request, Throwable failure) {
            return smallModel.complete(request);
        }
    }
}
