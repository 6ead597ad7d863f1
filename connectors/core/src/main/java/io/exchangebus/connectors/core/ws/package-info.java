/**
 * The WebSocket transport every exchange connector uses: {@link io.exchangebus.connectors.core.ws.WsConnection}.
 *
 * <p>Design, in short:
 * <ul>
 *   <li><b>One fresh Java-WebSocket client per attempt</b> ({@code WsSession}); the library's clients are not
 *       reusable, and a fresh one per attempt means a late callback of an old socket is recognised (it is not the
 *       current session) and ignored.</li>
 *   <li><b>One timer thread owns all state</b>: attempts, backoff, connect timeout, protocol pings, application
 *       heartbeats, the silence watchdog, the subscription registry, and the state events. Socket callbacks only
 *       post to it, so no lock guards the state machine. The state machine is {@code ReconnectLoop}, with the
 *       timers of a connected socket in {@code HeartbeatTimers}; it sees the timer thread as a {@code WsTimer} and
 *       each attempt's socket as an {@code AttemptSocket}, so its tests drive it on virtual time.</li>
 *   <li><b>The socket's reader never blocks</b>: it stamps activity, counts, and offers the frame to a bounded
 *       queue drained by one consumer thread that calls the handler. A full queue drops the frame, counts it,
 *       tells the listener ({@code onFramesDropped}, for metrics) and signals the handler before its next frame
 *       ({@link io.exchangebus.connectors.core.ws.OverflowPolicy}); every handler must declare its recovery (a book
 *       resyncs, private state is re-read), there is no silent default. Pings are answered on the reader, so a slow handler never makes
 *       the exchange think the client is dead.</li>
 *   <li><b>Text as bytes, where the handler reads bytes</b>: a handler that says
 *       {@link io.exchangebus.connectors.core.ws.WsHandler#readsTextAsBytes()} gets each whole text frame as its
 *       UTF-8 bytes ({@code TextBytesDraft}), not decoded on the reader, though the library still checks the UTF-8
 *       (Binance's market streams: the mapping reads the bytes and refuses what it cannot read; Deribit's and
 *       GRVT's JSON-RPC sockets, whose book and trade frames are read from the bytes, the rest decoded; a venue's
 *       compact reader walks either
 *       with {@link io.exchangebus.connectors.core.ws.FrameText}); every other handler gets Strings, as the
 *       library decodes them.</li>
 *   <li><b>Liveness by silence, not by the library's checker</b>: anything read (frame, ping, pong) is activity;
 *       protocol pings make a quiet but healthy stream answer; a socket with no activity for the silence timeout
 *       is cut without a close handshake (a dead peer would not answer one) and reconnected.</li>
 *   <li><b>CONNECTED means usable</b>: the open hook (login) has succeeded and every remembered subscription has
 *       been resent on this socket.</li>
 *   <li><b>Backoff</b>: exponential, capped, jittered downwards only (the cap is a hard ceiling), reset when the
 *       previous connection stayed up for the healthy period.</li>
 * </ul>
 */
package io.exchangebus.connectors.core.ws;
