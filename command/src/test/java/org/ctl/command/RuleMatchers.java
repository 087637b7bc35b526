package org.ctl.command;

import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Hamcrest matchers for the ledger's refusals, for {@code ResultValidator.expectException(...)}. */
public final class RuleMatchers {

    private RuleMatchers() {
    }

    /** A {@link RuleViolation} that names {@code code}; any other exception, or another code, does not match. */
    public static Matcher<Throwable> violates(RuleCode code) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable actual, Description mismatch) {
                if (!(actual instanceof RuleViolation violation)) {
                    mismatch.appendText("was ").appendText(actual.getClass().getName()).appendText(": ")
                            .appendValue(actual.getMessage());
                    return false;
                }
                if (violation.code() != code) {
                    mismatch.appendText("was refused with ").appendValue(violation.code()).appendText(" (")
                            .appendValue(violation.getMessage()).appendText(")");
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation with code ").appendValue(code);
            }
        };
    }
}
