package dev.longsight.job.report;

/** HTML escaping: every string that comes from results, config or documents goes through here. */
public final class Html {
    private Html() {}

    /** Escapes text for element content and quoted attribute values; null becomes the empty string. */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r == null && c < 0x20 && c != '\n' && c != '\t' && c != '\r') r = "\uFFFD"; // control chars are not valid HTML text
            if (r != null) {
                if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
