package dev.zarr4j.store.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A blob store whose answers pair each object's ETag with the bytes it names, as S3 does. S3Proxy's
 * file-backed stores ({@code TransientNio2BlobStore} among them) read a blob's ETag and size
 * through its path and then open the file to serve it: an overwrite renamed in between labels the
 * new bytes with the old ETag, and a client comparing ETags to keep its reads of one object
 * consistent is misled (a batched read once mixed two values so). Here a read of a key (GET, HEAD)
 * and a change of it (put, copy, delete, completed upload) exclude each other; once a GET has
 * returned, its file is open and later renames do not change what it serves. Locks are striped by
 * bucket and key.
 */
final class VersionPairingBlobStore extends ForwardingBlobStore {
  private static final int STRIPES = 64;

  private final ReadWriteLock[] locks = new ReadWriteLock[STRIPES];

  VersionPairingBlobStore(BlobStore delegate) {
    super(delegate);
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantReadWriteLock(true); // fair: a stream of puts starves no reader
    }
  }

  private ReadWriteLock lockOf(String bucket, String key) {
    return locks[Math.floorMod((bucket + "/" + key).hashCode(), STRIPES)];
  }

  private static <T> T holding(Lock lock, Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    return holding(
        lockOf(request.bucket(), request.key()).readLock(), () -> super.getBlob(request));
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    return holding(
        lockOf(request.bucket(), request.key()).readLock(), () -> super.blobMetadata(request));
  }

  /** Receives the whole body first, so that the lock is held only while it is stored. */
  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
    byte[] body;
    try {
      body = payload.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return holding(
        lockOf(request.bucket(), request.key()).writeLock(),
        () -> super.putBlob(request, new ByteArrayInputStream(body)));
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    return holding(
        lockOf(request.destinationBucket(), request.destinationKey()).writeLock(),
        () -> super.copyBlob(request));
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    return holding(
        lockOf(request.bucket(), request.key()).writeLock(), () -> super.removeBlob(request));
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    return holding(
        lockOf(upload.containerName(), upload.blobName()).writeLock(),
        () -> super.completeMultipartUpload(upload, request));
  }
}
