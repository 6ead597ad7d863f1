/**
 * Session credentials a simulated exchange issues after a login, with expiry on the simulator's clock: bearer
 * access and refresh tokens ({@link io.exchangebus.sim.auth.AccessTokens}, as Deribit's {@code public/auth}) and
 * cookie sessions ({@link io.exchangebus.sim.auth.CookieSessions}, as GRVT's {@code gravity} cookie). Checks answer
 * with a {@link io.exchangebus.sim.auth.Refusal} that each exchange simulator maps to its own error code.
 */
package io.exchangebus.sim.auth;
