package dev.platformimages.gate;

import java.util.ArrayList;
import java.util.List;

/** The statuses an answer may have: {@code 200}, {@code 200,204} or classes such as {@code 2xx}. Pure. */
public final class StatusSet {

    private final String text;
    private final List<int[]> ranges;

    private StatusSet(String text, List<int[]> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** Parses a comma-separated list of statuses (100-599) and classes (1xx-5xx); {@code parameter} names it in errors. */
    public static StatusSet parse(String spec, String parameter) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(parameter + " is empty: use a status such as 200, a list such as 200,204, or a class such as 2xx");
        }
        List<int[]> ranges = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String token = raw.trim().toLowerCase();
            if (token.matches("[1-5]xx")) {
                int base = (token.charAt(0) - '0') * 100;
                ranges.add(new int[] {base, base + 99});
            } else if (token.matches("\\d{3}") && Integer.parseInt(token) >= 100 && Integer.parseInt(token) <= 599) {
                int status = Integer.parseInt(token);
                ranges.add(new int[] {status, status});
            } else {
                throw new IllegalArgumentException(parameter + " is '" + spec + "': '" + raw.trim() + "' is neither an HTTP "
                        + "status (100-599) nor a class such as 2xx");
            }
            shown.add(token);
        }
        return new StatusSet(String.join(",", shown), ranges);
    }

    public boolean contains(int status) {
        return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
    }

    /** Whether a "not ready" status (502-504) is what the check expects, so it must not be waited out. */
    public boolean expectsAnyOf(int... statuses) {
        for (int status : statuses) {
            if (contains(status)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
