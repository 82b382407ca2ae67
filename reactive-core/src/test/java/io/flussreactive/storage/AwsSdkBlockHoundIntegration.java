package io.flussreactive.storage;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets the AWS SDK's HTTP client close its connection pools: it does so on Netty's global executor, a
 * thread BlockHound polices, and waits there for each pool's channels to close. That thread is the SDK's
 * own, never one the client's reads run on.
 */
public final class AwsSdkBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
    }
}
