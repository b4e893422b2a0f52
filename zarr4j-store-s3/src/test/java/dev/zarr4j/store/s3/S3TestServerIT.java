package dev.zarr4j.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The test server keeps S3's pairing of an answer's ETag with its bytes while the object is being
 * overwritten (see {@link VersionPairingBlobStore}): the consistency checks of the store's tests
 * rely on it.
 */
class S3TestServerIT {

  @Test
  void everyAnswersEtagIsTheMd5OfTheBytesItCarriesDuringOverwrites() throws Exception {
    S3TestServer server = S3TestServer.get();
    S3Client s3 = server.admin();
    String bucket = server.newBucket();
    String key = "contended";
    SplittableRandom random = new SplittableRandom(41);
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[] {1}));
    AtomicBoolean done = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              SplittableRandom own = random.split();
              while (!done.get()) {
                byte[] value = new byte[1 + own.nextInt(32 * 1024)];
                own.nextBytes(value);
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(value));
              }
            });
    writer.start();
    AtomicInteger reads = new AtomicInteger();
    int mismatched = 0;
    try {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (reads.get() < 300 && System.nanoTime() < deadline) {
        ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        String md5 =
            HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(r.asByteArray()));
        if (!r.response().eTag().replace("\"", "").equals(md5)) {
          mismatched++;
        }
        reads.incrementAndGet();
      }
    } finally {
      done.set(true);
      writer.join();
    }
    assertThat(reads.get()).as("reads done").isGreaterThanOrEqualTo(20);
    assertThat(mismatched).as("answers whose ETag names other bytes, of %d", reads.get()).isZero();
  }
}
