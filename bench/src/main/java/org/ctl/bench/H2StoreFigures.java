package org.ctl.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2's own figures for its file store ({@code INFORMATION_SCHEMA.SETTINGS}, the {@code info.*} rows that H2 shows an
 * admin): how many chunks the file holds, how full they are, how large the file is. Empty on PostgreSQL.
 */
final class H2StoreFigures {

    private H2StoreFigures() {
    }

    static Map<String, String> read(String storage, DataSource dataSource) {
        Map<String, String> figures = new LinkedHashMap<>();
        if (!storage.equals("h2")) {
            return figures;
        }
        new JdbcTemplate(dataSource).query("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                        + "WHERE SETTING_NAME IN ('info.CHUNK_COUNT', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE', "
                        + "'info.FILE_SIZE', 'info.PAGE_COUNT_LIVE', 'info.FILE_WRITE', 'info.FILE_WRITE_BYTES') "
                        + "ORDER BY SETTING_NAME",
                row -> {
                    figures.put(row.getString(1).substring("info.".length()), row.getString(2));
                });
        return figures;
    }
}
