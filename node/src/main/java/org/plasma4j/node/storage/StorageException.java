package org.plasma4j.node.storage;

/** A failed read or write; callers treat it as fatal for the request and acknowledge nothing. */
public final class StorageException extends RuntimeException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
