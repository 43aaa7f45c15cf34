package dev.resilience.sample.gateway;

import dev.resilience.sample.api.ChatCompletionRequest;
import dev.resilience.sample.api.ChatCompletionResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAI-style endpoint {@code POST /v1/chat/completions}. The tenant comes from the
 * {@code X-Tenant} header; the {@code X-Served-By} response header tells whether the model asked
 * for answered ({@code primary}) or a fallback did ({@code small-model}, {@code cache}).
 */
@RestController
public class ChatController {

    /** The header naming the tenant a request is charged to. */
    public static final String TENANT_HEADER = "X-Tenant";

    /** The response header naming the back-end that answered. */
    public static final String SERVED_BY_HEADER = "X-Served-By";

    private final ChatRequestValidator validator;
    private final ChatService chatService;
    private final TenantBudgets budgets;
    private final GatewayProperties properties;

    ChatController(
            ChatRequestValidator validator,
            ChatService chatService,
            TenantBudgets budgets,
            GatewayProperties properties) {
        this.validator = validator;
        this.chatService = chatService;
        this.budgets = budgets;
        this.properties = properties;
    }

    @PostMapping(path = "/v1/chat/completions")
    ResponseEntity<ChatCompletionResponse> complete(
            @RequestHeader(TENANT_HEADER) String tenant, @RequestBody(required = false) ChatCompletionRequest request) {
        if (tenant.isBlank()) {
            throw new InvalidChatRequestException(TENANT_HEADER, "The X-Tenant header is blank");
        }
        String name = tenant.trim();
        GatewayAnswer answer = chatService.complete(name, validator.validate(request));
        return ResponseEntity.ok()
                .headers(budgets.headers(properties.tierOf(name), name))
                .header(SERVED_BY_HEADER, answer.servedBy().headerValue())
                .body(answer.response());
    }
}
