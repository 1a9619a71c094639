using System.Reflection;
using System.Text;
using Command.Silo.Demo;
using Command.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Command.Silo.Access;

/// <summary>
/// What a new password must be, for an account opened or reset by an administrator and for one's own change. Length
/// is what holds against guessing; the throttle slows an online guesser, but the first guesses are the common
/// passwords, so those are refused outright, and so are the published demo password and one that spells the username.
/// The demo accounts themselves are seeded without this policy. That the new password differs from the current one
/// is checked where the current one is known: by the user's grain for a reset, and by the change endpoint.
/// </summary>
public sealed class PasswordPolicy(IOptions<AccessOptions> options)
{
    public const string Common = "过于常见（或只是在常见密码前后加了数字、符号），容易被猜中，请换一个不易猜到的密码。";
    public const string Demo = "不能使用公开的演示密码。";
    public const string ContainsUsername = "不能包含用户名。";
    public const string SameAsCurrent = "不能与当前密码相同。";

    private static readonly Lazy<HashSet<string>> common = new(LoadCommon);

    public int MinLength => options.Value.PasswordMinLength;

    /// <summary>Throws one 422 naming <paramref name="field"/> with everything wrong with the password.</summary>
    public void Validate(string? password, string field, string username)
    {
        var validation = new Validation()
            .Require(password is not null && password.Length >= MinLength && password.Length <= SignInService.MaxPassword, field,
                $"须为{MinLength}到{SignInService.MaxPassword}个字符。");
        if (password is { Length: > 0 })
        {
            string folded = Fold(password);
            bool demo = folded == Fold(DemoUsers.Password);
            validation
                .Require(!password.Any(char.IsControl), field, "不能包含控制字符。")
                .Require(password.Distinct().Count() >= 4, field, "过于简单，至少要有4个不同的字符。")
                .Require(!demo, field, Demo)
                .Require(demo || !IsCommon(password), field, Common)
                .Require(Fold(username) is not { Length: > 0 } name || !folded.Contains(name, StringComparison.Ordinal), field, ContainsUsername);
        }
        validation.ThrowIfInvalid();
    }

    /// <summary>A listed password as it is, or a listed word with digits or symbols before or after it (Password2026!).</summary>
    public static bool IsCommon(string password)
    {
        string lower = password.ToLowerInvariant();
        int start = 0, end = lower.Length;
        while (start < end && !char.IsLetter(lower[start]))
        {
            start++;
        }
        while (end > start && !char.IsLetter(lower[end - 1]))
        {
            end--;
        }
        string word = lower[start..end];
        return common.Value.Contains(Fold(lower)) || (word.Length > 0 && common.Value.Contains(Fold(word)));
    }

    /// <summary>
    /// What a guesser tries as one: case folded, the usual look-alike digits and symbols read as the letters they stand
    /// for (P@ssw0rd is password), and separators dropped (pass-word). 1, l, i and ! all read as i.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            char letter = c switch
            {
                '0' => 'o',
                '1' or 'l' or '!' or '|' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' or '+' => 't',
                '8' => 'b',
                '9' => 'g',
                _ => c,
            };
            if (char.IsLetterOrDigit(letter))
            {
                folded.Append(letter);
            }
        }
        return folded.ToString();
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Command.Silo.Access.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded in the silo.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } entry && !entry.StartsWith('#'))
            {
                set.Add(Fold(entry));
            }
        }
        return set;
    }
}
