package dev.resilience.sample.gateway;

/** A model back-end did not answer: it failed, timed out or could not be reached. */
public class ModelCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for a model, with the cause seen by the client. */
    public ModelCallException(String model, String reason, Throwable cause) {
        super("Model '" + model + "' did not answer: " + reason, cause);
    }
}
