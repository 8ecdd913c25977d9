package dev.longsight.job.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A command's settings as the aligned "name value" lines it prints back to the user at start. */
public final class SettingsLines {
    private SettingsLines() {}

    public static List<String> of(Map<String, String> settings) {
        List<String> rows = new ArrayList<>();
        settings.forEach((k, v) -> rows.add(String.format("  %-12s %s", k, v)));
        return rows;
    }
}
