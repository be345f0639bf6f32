package eu.opeva.coordinator.domain;

/**
 * Limits a submission asks for; each is optional (null). {@code gpus} above zero also puts the job
 * in the {@code gpu} slot profile.
 */
public record Resources(Double cpus, Integer memoryMb, Integer timeoutSeconds, Integer gpus) {
  public static final Resources NONE = new Resources(null, null, null, null);

  public boolean isEmpty() {
    return cpus == null && memoryMb == null && timeoutSeconds == null && gpus == null;
  }
}
