package dev.platformimages.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expressions the CI templates use, evaluated as GitHub Actions ({@code ${{ }}}) and Azure Pipelines
 * ({@code $[ ]}, conditions) evaluate them: property paths ({@code needs.plan.outputs.wave1},
 * {@code dependencies.Plan.outputs['plan.plan.wave2']}), string, number and boolean literals, {@code ==}, {@code !=},
 * {@code &&}, {@code ||}, {@code !}, and the functions {@code fromJson}, {@code and}, {@code or}, {@code not},
 * {@code eq}, {@code ne}, {@code always}, {@code succeeded}, {@code success}, {@code toJson}, {@code contains},
 * {@code startsWith}, {@code endsWith}. Strings compare ignoring case, as both do;
 * {@code ||} gives its first truthy operand. What the templates feed the plan's outputs through, in CiTemplatesTest.
 */
final class CiExpressions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GITHUB = Pattern.compile("\\$\\{\\{(.*?)}}");

    private final JsonNode context;
    private String text;
    private int at;

    private CiExpressions(JsonNode context) {
        this.context = context;
    }

    /** The value of one expression (without its {@code ${{ }}} or {@code $[ ]}). */
    static JsonNode evaluate(String expression, JsonNode context) {
        CiExpressions e = new CiExpressions(context);
        e.text = expression;
        e.at = 0;
        JsonNode value = e.or();
        e.space();
        if (e.at != expression.length()) {
            throw new IllegalArgumentException("unexpected '" + expression.substring(e.at) + "' in " + expression);
        }
        return value;
    }

    /**
     * A string with {@code ${{ }}} in it: a string that is one expression gives its value (a list stays a list, as
     * {@code matrix.include: ${{ fromJson(...) }}} does), otherwise each is replaced by its text.
     */
    static JsonNode interpolate(String template, JsonNode context) {
        Matcher m = GITHUB.matcher(template);
        if (m.matches()) {
            return evaluate(m.group(1).trim(), context);
        }
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(text(evaluate(m.group(1).trim(), context))));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    static boolean truthy(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        return !value.isTextual() || !value.textValue().isEmpty();
    }

    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private JsonNode or() {
        JsonNode left = and();
        while (take("||")) {
            JsonNode right = and();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private JsonNode and() {
        JsonNode left = comparison();
        while (take("&&")) {
            JsonNode right = comparison();
            left = truthy(left) ? right : left;
        }
        return left;
    }

    private JsonNode comparison() {
        JsonNode left = unary();
        if (take("==")) {
            return BooleanNode.valueOf(same(left, unary()));
        }
        if (take("!=")) {
            return BooleanNode.valueOf(!same(left, unary()));
        }
        return left;
    }

    private JsonNode unary() {
        if (take("!")) {
            return BooleanNode.valueOf(!truthy(unary()));
        }
        return primary();
    }

    private JsonNode primary() {
        space();
        if (take("(")) {
            JsonNode value = or();
            expect(")");
            return value;
        }
        char c = text.charAt(at);
        if (c == '\'') {
            return TextNode.valueOf(string());
        }
        if (Character.isDigit(c)) {
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            return JSON.getNodeFactory().numberNode(Double.parseDouble(text.substring(start, at)));
        }
        String name = identifier();
        space();
        if (at < text.length() && text.charAt(at) == '(') {
            at++;
            List<JsonNode> args = new ArrayList<>();
            space();
            if (!take(")")) {
                do {
                    args.add(or());
                } while (take(","));
                expect(")");
            }
            return call(name.toLowerCase(Locale.ROOT), args);
        }
        switch (name) {
            case "true": return BooleanNode.TRUE;
            case "false": return BooleanNode.FALSE;
            case "null": return NullNode.instance;
            default: break;
        }
        JsonNode value = context.path(name);
        while (true) {
            if (at < text.length() && text.charAt(at) == '.') {
                at++;
                value = value.path(identifier());
            } else if (at < text.length() && text.charAt(at) == '[') {
                at++;
                space();
                String key = string();
                expect("]");
                value = value.path(key);
            } else {
                return value;
            }
        }
    }

    private JsonNode call(String function, List<JsonNode> args) {
        switch (function) {
            case "fromjson":
                try {
                    return JSON.readTree(text(args.get(0)));
                } catch (IOException e) {
                    throw new IllegalArgumentException("fromJson of '" + text(args.get(0)) + "': not JSON", e);
                }
            case "tojson":
                try {
                    return TextNode.valueOf(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(args.get(0)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            case "contains":
                if (args.get(0).isArray()) {
                    boolean found = false;
                    for (JsonNode item : args.get(0)) {
                        found |= same(item, args.get(1));
                    }
                    return BooleanNode.valueOf(found);
                }
                return BooleanNode.valueOf(lower(args.get(0)).contains(lower(args.get(1))));
            case "startswith": return BooleanNode.valueOf(lower(args.get(0)).startsWith(lower(args.get(1))));
            case "endswith": return BooleanNode.valueOf(lower(args.get(0)).endsWith(lower(args.get(1))));
            case "and": return BooleanNode.valueOf(args.stream().allMatch(CiExpressions::truthy));
            case "or": return BooleanNode.valueOf(args.stream().anyMatch(CiExpressions::truthy));
            case "not": return BooleanNode.valueOf(!truthy(args.get(0)));
            case "eq": return BooleanNode.valueOf(same(args.get(0), args.get(1)));
            case "ne": return BooleanNode.valueOf(!same(args.get(0), args.get(1)));
            case "always":
            case "succeeded":
            case "success":
                return BooleanNode.TRUE; // every job or stage before succeeded, in these runs
            default: throw new IllegalArgumentException("function " + function + " is not known here");
        }
    }

    private static String lower(JsonNode value) {
        return text(value).toLowerCase(Locale.ROOT);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isMissingNode() || b.isMissingNode()) {
            return text(a).equalsIgnoreCase(text(b));
        }
        if (a.isTextual() || b.isTextual()) {
            return text(a).equalsIgnoreCase(text(b));
        }
        return a.equals(b);
    }

    private String string() {
        expect("'");
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = text.charAt(at++);
            if (c == '\'') {
                if (at < text.length() && text.charAt(at) == '\'') {
                    s.append('\'');
                    at++;
                } else {
                    return s.toString();
                }
            } else {
                s.append(c);
            }
        }
    }

    private String identifier() {
        space();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '-')) {
            at++;
        }
        if (start == at) {
            throw new IllegalArgumentException("expected a name at '" + text.substring(at) + "' in " + text);
        }
        return text.substring(start, at);
    }

    private boolean take(String token) {
        space();
        if (text.startsWith(token, at) && !(token.equals("!") && text.startsWith("!=", at))) {
            at += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!take(token)) {
            throw new IllegalArgumentException("expected " + token + " at '" + text.substring(Math.min(at, text.length()))
                    + "' in " + text);
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
