package org.plasma4j.node.config;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A record with some of its values changed, built again through its canonical constructor so the
 * result is checked as every new one is. While they change, the values live in a plain class whose
 * public fields bear the record's component names and types ({@code c -> c.rpcPort = 0}): each
 * record keeps its own fields and checks, only the copying is shared.
 */
public final class RecordEdit {

  private RecordEdit() {}

  /**
   * {@code record} with the values {@code change} sets on {@code values}, once they hold the
   * record's own.
   *
   * @throws IllegalStateException when {@code values} does not have exactly one public field of
   *     each component's name and type (a record that gained a component its values lack)
   * @throws RuntimeException what the record's constructor throws for the changed values, as it
   *     throws it
   */
  public static <R extends Record, V> R with(R record, V values, Consumer<? super V> change) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Field[] fields = fieldsFor(components, values.getClass());
    try {
      for (int i = 0; i < components.length; i++) {
        fields[i].set(values, components[i].getAccessor().invoke(record));
      }
      change.accept(values);
      Object[] changed = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        changed[i] = fields[i].get(values);
      }
      @SuppressWarnings("unchecked")
      Class<R> type = (Class<R>) record.getClass();
      return type.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
          .newInstance(changed);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("cannot build " + record.getClass().getSimpleName(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + record.getClass().getSimpleName(), e);
    }
  }

  private static Field[] fieldsFor(RecordComponent[] components, Class<?> valuesType) {
    long instanceFields = Arrays.stream(valuesType.getFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()))
        .count();
    if (instanceFields != components.length) {
      throw new IllegalStateException(valuesType.getName() + " has " + instanceFields
          + " public fields for " + components.length + " components");
    }
    Field[] fields = new Field[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      try {
        fields[i] = valuesType.getField(component.getName());
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(
            valuesType.getName() + " has no public field " + component.getName(), e);
      }
      if (!fields[i].getGenericType().equals(component.getGenericType())
          || Modifier.isStatic(fields[i].getModifiers())
          || Modifier.isFinal(fields[i].getModifiers())) {
        throw new IllegalStateException(valuesType.getName() + "." + component.getName()
            + " is not a settable " + component.getGenericType().getTypeName());
      }
    }
    return fields;
  }
}
