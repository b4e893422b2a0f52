package dev.zarr4j.sync;

import dev.zarr4j.exceptions.StoreException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock of one lock file: a JVM-wide reentrant lock for the file, and while a thread holds it,
 * the file open and record-locked. The first acquisition by a thread opens and locks the file, the
 * matching last release unlocks and closes it; nothing else in the JVM opens the file meanwhile,
 * since closing any handle of it would drop the process's record lock.
 */
final class LockFileLock implements Lock {

  /** The JVM-wide state of each lock file in use, kept while some thread uses or waits for it. */
  private static final ConcurrentHashMap<Path, FileState> FILES = new ConcurrentHashMap<>();

  /** First pause between two attempts of a polled acquisition of the file lock. */
  private static final long MIN_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  /** Longest pause between two attempts of a timed acquisition of the file lock. */
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Path file;

  LockFileLock(Path file) {
    this.file = file;
  }

  /** One lock file's in-JVM lock, its users and, while held, its open channel and record lock. */
  private static final class FileState {
    final ReentrantLock jvm = new ReentrantLock();
    int users;
    FileChannel channel;
    FileLock recordLock;
  }

  private static FileState use(Path file) {
    return FILES.compute(
        file,
        (p, s) -> {
          FileState state = s == null ? new FileState() : s;
          state.users++;
          return state;
        });
  }

  private static void unuse(Path file) {
    FILES.computeIfPresent(file, (p, s) -> --s.users == 0 ? null : s);
  }

  @Override
  public void lock() {
    FileState s = use(file);
    s.jvm.lock();
    if (s.jvm.getHoldCount() == 1) {
      try {
        FileChannel ch = open();
        try {
          s.recordLock = lockWaiting(ch);
          s.channel = ch;
        } catch (IOException | RuntimeException e) {
          closeQuietly(ch);
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        s.jvm.unlock();
        unuse(file);
        throw failure("lock", e);
      }
    }
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    FileState s = use(file);
    try {
      s.jvm.lockInterruptibly();
    } catch (InterruptedException e) {
      unuse(file);
      throw e;
    }
    if (s.jvm.getHoldCount() == 1) {
      try {
        FileChannel ch = open();
        try {
          s.recordLock = lockWaiting(ch);
          s.channel = ch;
        } catch (IOException | RuntimeException e) {
          closeQuietly(ch);
          throw e;
        }
      } catch (ClosedByInterruptException | FileLockInterruptionException e) {
        s.jvm.unlock();
        unuse(file);
        InterruptedException ie = new InterruptedException("interrupted waiting for " + file);
        ie.initCause(e);
        throw ie;
      } catch (IOException | RuntimeException e) {
        s.jvm.unlock();
        unuse(file);
        throw failure("lock", e);
      }
    }
  }

  @Override
  public boolean tryLock() {
    FileState s = use(file);
    if (!s.jvm.tryLock()) {
      unuse(file);
      return false;
    }
    if (s.jvm.getHoldCount() > 1 || tryRecordLock(s)) {
      return true;
    }
    s.jvm.unlock();
    unuse(file);
    return false;
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(time);
    FileState s = use(file);
    boolean jvmHeld = false;
    boolean acquired = false;
    try {
      jvmHeld = s.jvm.tryLock(time, unit);
      if (!jvmHeld) {
        return false;
      }
      if (s.jvm.getHoldCount() > 1) {
        acquired = true;
        return true;
      }
      long pause = TimeUnit.MILLISECONDS.toNanos(1);
      while (true) {
        if (tryRecordLock(s)) {
          acquired = true;
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
        pause = Math.min(pause * 2, MAX_POLL_NANOS);
      }
    } finally {
      if (!acquired) {
        if (jvmHeld) {
          s.jvm.unlock();
        }
        unuse(file);
      }
    }
  }

  /**
   * Takes the record lock of {@code ch}, waiting for it. The kernel detects deadlocks between
   * processes, not threads: while one thread of this JVM holds file A and another waits for file B,
   * a process holding B and waiting for A looks like a deadlock, and the wait fails with {@code
   * EDEADLK} although the first thread will release A. On any failure of the waiting lock, this
   * polls with non-waiting attempts instead (as zarr-python's {@code fasteners} always does), which
   * the kernel never refuses that way; a real I/O failure then shows in the attempt.
   */
  private static FileLock lockWaiting(FileChannel ch) throws IOException {
    try {
      return ch.lock();
    } catch (FileLockInterruptionException | ClosedByInterruptException e) {
      throw e;
    } catch (IOException e) {
      long pause = MIN_POLL_NANOS;
      while (true) {
        FileLock got = ch.tryLock();
        if (got != null) {
          return got;
        }
        LockSupport.parkNanos(pause);
        if (Thread.currentThread().isInterrupted()) {
          throw new FileLockInterruptionException();
        }
        pause = Math.min(pause * 2, MAX_POLL_NANOS);
      }
    }
  }

  /**
   * Opens the file and takes its record lock without waiting; false when another process has it.
   */
  private boolean tryRecordLock(FileState s) {
    try {
      FileChannel ch = open();
      FileLock got;
      try {
        got = ch.tryLock();
      } catch (IOException | RuntimeException e) {
        closeQuietly(ch);
        throw e;
      }
      if (got == null) {
        closeQuietly(ch);
        return false;
      }
      s.channel = ch;
      s.recordLock = got;
      return true;
    } catch (IOException e) {
      throw failure("lock", e);
    }
  }

  @Override
  public void unlock() {
    FileState s = FILES.get(file);
    if (s == null || !s.jvm.isHeldByCurrentThread()) {
      throw new IllegalMonitorStateException(
          "the lock file " + file + " is not held by this thread");
    }
    IOException failed = null;
    if (s.jvm.getHoldCount() == 1) {
      try {
        s.recordLock.release();
      } catch (IOException e) {
        failed = e;
      } finally {
        try {
          s.channel.close();
        } catch (IOException e) {
          if (failed == null) {
            failed = e;
          }
        }
        s.channel = null;
        s.recordLock = null;
      }
    }
    s.jvm.unlock();
    unuse(file);
    if (failed != null) {
      throw failure("unlock", failed);
    }
  }

  /** Not supported: a record lock has no conditions. */
  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("lock files support no conditions");
  }

  /** Opens the lock file for appending (never truncating it), creating it and its parents. */
  private FileChannel open() throws IOException {
    Files.createDirectories(file.getParent());
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // the channel held no lock: nothing is lost
    }
  }

  private StoreException failure(String what, Exception e) {
    return new StoreException("cannot " + what + " the lock file " + file + ": " + e, e);
  }

  @Override
  public String toString() {
    return "lock file " + file;
  }
}
