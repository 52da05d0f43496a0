/** JMH micro-benchmarks of the kernels, packages mirroring what they measure; run with {@code bash bench/jmh.sh}. */
package org.seqcast.bench;
