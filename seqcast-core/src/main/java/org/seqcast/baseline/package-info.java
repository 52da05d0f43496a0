/** Classical benchmark forecasts (mean, naive, seasonal naive, drift) with R forecast's definitions. */
package org.seqcast.baseline;
