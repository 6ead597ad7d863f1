package io.exchangebus.sim.server;

/** Helpers shared by the servers. */
final class Frames {

    private Frames() {
    }

    /**
     * A frame that no JSON (or any structured) parser accepts: the first half of the real frame, then a stray
     * brace and a control character. Exchange-neutral: it is the real frame, broken.
     */
    static String corrupt(String frame) {
        return frame.substring(0, frame.length() / 2) + "}\u0001{";
    }
}
