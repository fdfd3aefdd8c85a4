package dev.enterprisechat.operations.control;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * How full the heap stayed after the last garbage collections: the heap pools' usage as each collector left them,
 * over the most the heap may grow to. Unlike the heap in use now, it does not count garbage that the next
 * collection frees, so a high value means live data: a server about to run out of memory.
 */
public final class HeapAfterGc {

    private HeapAfterGc() {
    }

    /** The fraction (0 to 1) of the maximum heap still in use after the collectors' last runs. */
    public static double fraction() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                if (afterGc != null) {
                    used += afterGc.getUsed();
                }
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        return max <= 0 || max == Long.MAX_VALUE ? 0 : (double) used / max;
    }
}
