using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Manifests and JSON shapes of the kernel messages that cross nodes: Identify/ActorIdentity, PoisonPill, Kill,
/// Status.Success/Failure, Terminated, actor selections, and plain strings and numbers. Registered in every remote
/// system's registry before the application's own types; the manifests are part of the wire format and never change.
/// </summary>
internal static class BuiltInMessageConverters
{
    public const string IdentifyManifest = "uc.identify";
    public const string ActorIdentityManifest = "uc.actor-identity";
    public const string PoisonPillManifest = "uc.poison-pill";
    public const string KillManifest = "uc.kill";
    public const string StatusSuccessManifest = "uc.status.success";
    public const string StatusFailureManifest = "uc.status.failure";
    public const string TerminatedManifest = "uc.terminated";
    public const string SelectionManifest = "uc.actor-selection";

    /// <summary>Adds the converters to <paramref name="registry"/>'s options and registers the built-in manifests.</summary>
    public static void Register(SerializerRegistry registry, RemoteActorRefProvider provider)
    {
        var converters = registry.Options.Converters;
        converters.Add(new ActorRefJsonConverter(provider));
        converters.Add(new IdentifyConverter(registry));
        converters.Add(new ActorIdentityConverter(registry));
        converters.Add(new SingletonConverter<PoisonPill>(PoisonPill.Instance));
        converters.Add(new SingletonConverter<Kill>(Kill.Instance));
        converters.Add(new StatusSuccessConverter(registry));
        converters.Add(new StatusFailureConverter());
        converters.Add(new SelectionConverter(registry));

        registry.Register<Identify>(IdentifyManifest)
            .Register<ActorIdentity>(ActorIdentityManifest)
            .Register<PoisonPill>(PoisonPillManifest)
            .Register<Kill>(KillManifest)
            .Register<Status.Success>(StatusSuccessManifest)
            .Register<Status.Failure>(StatusFailureManifest)
            .Register<Terminated>(TerminatedManifest)
            .Register<ActorSelectionMessage>(SelectionManifest)
            .Register<string>("uc.string")
            .Register<int>("uc.int32")
            .Register<long>("uc.int64")
            .Register<bool>("uc.bool")
            .Register<double>("uc.double")
            .Register<Guid>("uc.guid");
    }

    private static void ExpectStartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"{what} must be a JSON object.");
    }

    /// <summary>Called once per property of an object, with the reader positioned on the value.</summary>
    private delegate void PropertyReader(ref Utf8JsonReader reader, string name);

    private static void ReadObject(ref Utf8JsonReader reader, string what, PropertyReader onProperty)
    {
        ExpectStartObject(ref reader, what);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException($"{what}: expected a property name.");
            var name = reader.GetString()!;
            reader.Read();
            onProperty(ref reader, name);
        }
    }

    private sealed class IdentifyConverter(SerializerRegistry registry) : JsonConverter<Identify>
    {
        public override Identify Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            object? id = null;
            ReadObject(ref reader, "Identify", (ref Utf8JsonReader r, string name) =>
            {
                if (name == "messageId") id = NestedPayload.Read(ref r, registry);
                else r.Skip();
            });
            return new Identify(id);
        }

        public override void Write(Utf8JsonWriter writer, Identify value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            NestedPayload.Write(writer, "messageId", value.MessageId, registry);
            writer.WriteEndObject();
        }
    }

    private sealed class ActorIdentityConverter(SerializerRegistry registry) : JsonConverter<ActorIdentity>
    {
        public override ActorIdentity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            object? id = null;
            IActorRef? subject = null;
            ReadObject(ref reader, "ActorIdentity", (ref Utf8JsonReader r, string name) =>
            {
                if (name == "messageId") id = NestedPayload.Read(ref r, registry);
                else if (name == "subject") subject = JsonSerializer.Deserialize<IActorRef>(ref r, options);
                else r.Skip();
            });
            return new ActorIdentity(id, subject);
        }

        public override void Write(Utf8JsonWriter writer, ActorIdentity value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            NestedPayload.Write(writer, "messageId", value.MessageId, registry);
            writer.WritePropertyName("subject");
            JsonSerializer.Serialize(writer, value.Subject, options);
            writer.WriteEndObject();
        }
    }

    private sealed class StatusSuccessConverter(SerializerRegistry registry) : JsonConverter<Status.Success>
    {
        public override Status.Success Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            object? status = null;
            ReadObject(ref reader, "Status.Success", (ref Utf8JsonReader r, string name) =>
            {
                if (name == "status") status = NestedPayload.Read(ref r, registry);
                else r.Skip();
            });
            return new Status.Success(status);
        }

        public override void Write(Utf8JsonWriter writer, Status.Success value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            NestedPayload.Write(writer, "status", value.Status, registry);
            writer.WriteEndObject();
        }
    }

    /// <summary>The exception travels as type name + message and arrives as <see cref="RemoteFailureException"/>.</summary>
    private sealed class StatusFailureConverter : JsonConverter<Status.Failure>
    {
        public override Status.Failure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string? type = null, message = null;
            ReadObject(ref reader, "Status.Failure", (ref Utf8JsonReader r, string name) =>
            {
                if (name == "type") type = r.GetString();
                else if (name == "message") message = r.GetString();
                else r.Skip();
            });
            return new Status.Failure(new RemoteFailureException(type ?? typeof(Exception).FullName!, message ?? ""));
        }

        public override void Write(Utf8JsonWriter writer, Status.Failure value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("type", value.Cause is RemoteFailureException remote ? remote.OriginalType : value.Cause.GetType().FullName);
            writer.WriteString("message", value.Cause.Message);
            writer.WriteEndObject();
        }
    }

    private sealed class SelectionConverter(SerializerRegistry registry) : JsonConverter<ActorSelectionMessage>
    {
        public override ActorSelectionMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            object? message = null;
            string[]? elements = null;
            ReadObject(ref reader, "ActorSelectionMessage", (ref Utf8JsonReader r, string name) =>
            {
                if (name == "message") message = NestedPayload.Read(ref r, registry);
                else if (name == "elements") elements = JsonSerializer.Deserialize<string[]>(ref r, options);
                else r.Skip();
            });
            if (message is null || elements is null || elements.Any(string.IsNullOrEmpty))
                throw new JsonException("An actor selection needs a message and non-empty path elements.");
            return new ActorSelectionMessage(message, elements);
        }

        public override void Write(Utf8JsonWriter writer, ActorSelectionMessage value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("elements");
            JsonSerializer.Serialize(writer, value.Elements, options);
            NestedPayload.Write(writer, "message", value.Message, registry);
            writer.WriteEndObject();
        }
    }

    /// <summary>Message types with one instance and no fields: written as <c>{}</c>, read as the instance.</summary>
    private sealed class SingletonConverter<T>(T instance) : JsonConverter<T> where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return instance;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
    }
}
