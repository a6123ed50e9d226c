package dev.roster.directory.space;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.commons.problem.ProblemException;

/**
 * An invitation's subject and body with {@code {{placeholders}}}: checked when an import is asked for (an
 * unknown placeholder is a 400 naming the field and the placeholder), rendered per invitee.
 */
public record InvitationMessage(String subject, String body) {

    public static final Set<String> PLACEHOLDERS = Set.of("firstName", "lastName", "displayName", "email",
            "spaceName", "inviterName");
    public static final InvitationMessage DEFAULT = new InvitationMessage("You are invited to {{spaceName}}",
            "Hello {{firstName}},\n\n{{inviterName}} invites you to {{spaceName}}.");
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 10_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]*)\\s*}}");

    /** The message of a request ({@code null}: the default one), checked; {@code at} names it in problems. */
    public static InvitationMessage checked(InvitationMessage message, String at) {
        if (message == null) {
            return DEFAULT;
        }
        check(message.subject(), at + ".subject", MAX_SUBJECT);
        check(message.body(), at + ".body", MAX_BODY);
        return message;
    }

    private static void check(String text, String field, int max) {
        if (text == null || text.isBlank() || text.length() > max) {
            throw ProblemException.invalidField(field, "1 to " + max + " characters");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw ProblemException.invalidField(field, "unknown placeholder {{" + m.group(1) + "}}; use "
                        + PLACEHOLDERS.stream().sorted().map(p -> "{{" + p + "}}").toList());
            }
        }
    }

    /** The message with every placeholder replaced by its value (empty when the contact has none). */
    public InvitationMessage render(Map<String, String> values) {
        return new InvitationMessage(render(subject, values), render(body, values));
    }

    private static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
