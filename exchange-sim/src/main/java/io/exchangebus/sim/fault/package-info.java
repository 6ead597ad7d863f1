/** Faults tests ask for and servers consume: drops, sequence gaps and duplicates, malformed frames, 429/418, ... */
package io.exchangebus.sim.fault;
