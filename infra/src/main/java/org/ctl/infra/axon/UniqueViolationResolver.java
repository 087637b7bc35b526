package org.ctl.infra.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon's JDBC storage engine which failure of an append is a duplicate key: then the engine throws Axon's
 * {@code ConcurrencyException} (another writer appended the same sequence number of the same aggregate first) and
 * the command gateway may retry the command on the fresh aggregate.
 *
 * <p>Axon's default ({@code JdbcSQLErrorCodesResolver}) looks for {@code SQLIntegrityConstraintViolationException},
 * which H2's driver throws and PostgreSQL's does not (it throws a plain {@code PSQLException}). Both report SQL state
 * {@value #UNIQUE_VIOLATION}, the SQL standard's unique violation; that is what this resolver looks for, anywhere in
 * the chain of causes. Other integrity violations (a missing foreign key, a null) are not collisions.
 */
public final class UniqueViolationResolver implements PersistenceExceptionResolver {

    /** SQLSTATE class 23 (integrity constraint violation), 505 unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
