package io.switchboard.agent.provider;

/**
 * How the runtime marks non-customer turns in a prompt. Supervisor text is an instruction to
 * relay, never something the customer said, so it travels as a clearly tagged system message
 * (the seed took supervisor text from any participant named {@code supervisor_*}: insecure).
 */
public final class PromptMarkers {
  private PromptMarkers() {}

  public static final String SUPERVISOR =
      "[SUPERVISOR INSTRUCTION] A human supervisor of this call instructs you. Act on it in your next"
          + " reply to the customer, in the customer's language; do not mention the supervisor. Instruction: ";
  public static final String HANDBACK =
      "[HANDBACK] A human supervisor spoke with the customer and now hands the call back to you. Do not"
          + " greet again; briefly acknowledge you are back and continue helping.";

  /** The instruction inside a supervisor message, or null when the message is not one. */
  public static String instructionOf(ChatMessage m) {
    return m.role().equals("system") && m.content().startsWith(SUPERVISOR)
        ? m.content().substring(SUPERVISOR.length())
        : null;
  }

  public static boolean isHandback(ChatMessage m) {
    return m.role().equals("system") && m.content().startsWith(HANDBACK);
  }
}
