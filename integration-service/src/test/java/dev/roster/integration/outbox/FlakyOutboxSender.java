package dev.roster.integration.outbox;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.roster.commons.outbox.KafkaOutboxSender;

/**
 * The real Kafka sender, which a test can make fail its next sends: what the relay sees when the broker is
 * unreachable or the process dies between the commit and the send.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FlakyOutboxSender extends KafkaOutboxSender {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public void failNext(int sends) {
        failed.set(0);
        failuresLeft.set(sends);
    }

    public int failed() {
        return failed.get();
    }

    @Override
    public void sendAll(List<PendingEvent> events) throws Exception {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            failed.incrementAndGet();
            throw new IllegalStateException("broker unreachable (injected)");
        }
        super.sendAll(events);
    }
}
