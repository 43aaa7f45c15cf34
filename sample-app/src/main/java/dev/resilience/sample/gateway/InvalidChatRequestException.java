package dev.resilience.sample.gateway;

/** A chat completion request that the gateway refuses to forward; the client gets a 400. */
public class InvalidChatRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** Creates the exception naming the offending field and what is wrong with it. */
    public InvalidChatRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON field at fault, for example {@code max_tokens}. */
    public String field() {
        return field;
    }
}
