package org.ctl.infra.model;

/**
 * A command as a step sends it: the payload, the principal it is sent as ({@code null}: none), the stream
 * (aggregate id) it goes to, and a short description for the report of a failing chain.
 */
record Sent(Object command, String principal, String stream, String text) {

    Sent {
        text = text + " as " + (principal == null ? "no one" : principal);
    }

    @Override
    public String toString() {
        return text;
    }
}
