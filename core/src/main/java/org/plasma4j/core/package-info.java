/**
 * Pure Plasma protocol logic: transactions, Merkle trees, the state transition and exit rules. No
 * I/O.
 */
package org.plasma4j.core;
