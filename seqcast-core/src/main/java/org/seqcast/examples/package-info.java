/** Runnable examples that the README shows and the tests run, so the documented code keeps working. */
package org.seqcast.examples;
