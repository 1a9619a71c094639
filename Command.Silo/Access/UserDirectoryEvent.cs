using System.Text.Json.Serialization;

namespace Command.Silo.Access;

[JsonDerivedType(typeof(UserRecorded), "userRecorded")]
public abstract record UserDirectoryEvent;
