package dev.zarr4j.interop.peers;

/** A peer could not do what it was asked; the message carries the peer's own (stderr included). */
public class PeerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public PeerException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  public PeerException(String message, Throwable cause) {
    super(message, cause);
  }
}
