package org.plasma4j.watcher.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.Function;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.node.storage.Codec;

/**
 * The watcher's one JSON mapper: core byte types as 0x-hex strings, so stored records, RPC results
 * and log lines all read the same. Stored values are JSON because they are few and small (events,
 * L1 batches, block bodies) and readable in a debugger beats compact here.
 */
public final class Json {

  public static final ObjectMapper MAPPER = build();

  private Json() {}

  private static ObjectMapper build() {
    SimpleModule hex = new SimpleModule("plasma-hex");
    hex(hex, Address.class, Address::toHex, Address::fromHex);
    hex(hex, Bytes32.class, Bytes32::toHex, Bytes32::fromHex);
    hex(hex, Bytes.class, Bytes::toHex, Bytes::fromHex);
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(hex)
        .addMixIn(L1Event.class, KindNamed.class)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    for (Class<?> kind : L1Event.class.getPermittedSubclasses()) {
      mapper.registerSubtypes(new NamedType(kind, kind.getSimpleName()));
      mapper.addMixIn(kind, FlatPlace.class);
    }
    return mapper;
  }

  /** A stored {@link L1Event} names its kind by its record's simple name. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@event")
  private interface KindNamed {}

  /**
   * A stored event's place is three fields beside its own ({@code l1Block}, {@code logIndex},
   * {@code blockHash}), as events were stored before they carried one {@link LogPlace}.
   */
  private interface FlatPlace {
    @JsonUnwrapped
    LogPlace place();
  }

  private static <T> void hex(
      SimpleModule m, Class<T> type, Function<T, String> write, Function<String, T> read) {
    m.addSerializer(type, new JsonSerializer<T>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
          throws IOException {
        gen.writeString(write.apply(value));
      }
    });
    m.addDeserializer(type, new JsonDeserializer<T>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return read.apply(p.getValueAsString());
      }
    });
  }

  /** A storage codec that keeps {@code type} as JSON. */
  public static <T> Codec<T> codec(Class<T> type) {
    return new Codec<>() {
      @Override
      public byte[] encode(T value) {
        try {
          return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
          throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
        }
      }

      @Override
      public T decode(byte[] bytes) {
        try {
          return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
          throw new IllegalStateException("corrupt stored " + type.getSimpleName(), e);
        }
      }
    };
  }
}
