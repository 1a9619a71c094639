using System.Text.Json.Serialization;

namespace Command.Silo.Access;

[JsonDerivedType(typeof(UserCreated), "userCreated")]
[JsonDerivedType(typeof(PasswordSet), "passwordSet")]
[JsonDerivedType(typeof(UserDisabledChanged), "disabledChanged")]
public abstract record UserEvent;
