package org.ctl.infra.storage;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the embedded H2 file store needs from the ledger: {@link H2ChunkRewriting}. */
@Configuration(proxyBeanMethods = false)
public class H2StorageConfiguration {

    @Bean
    H2ChunkRewriting h2ChunkRewriting(DataSource dataSource, H2ChunkRewritingProperties settings) {
        return new H2ChunkRewriting(dataSource, settings);
    }
}
