namespace Command.Silo.Access;

/// <summary>Details for answers that carry no message of their own.</summary>
public static class AccessProblems
{
    public const string SignInRequired =
        "请先登录：在浏览器中打开登录页登录；程序或巡防终端请使用管理员签发的访问令牌。";

    public static string? DefaultDetail(int? status) => status switch
    {
        400 => "请求的格式不对，请检查填写的内容后重试。",
        401 => SignInRequired,
        403 => "您没有权限进行此操作；如确需办理，请联系管理员。",
        404 => "要找的内容不存在，请刷新页面后重试。",
        405 => "这个地址不支持这种操作。",
        408 => "提交的内容没有及时送达，请重新提交。",
        413 => "提交的内容太大，请删减后重试。",
        415 => "提交的内容格式不对，请按接口说明的格式提交。",
        429 => "操作太频繁，请稍等片刻再试。",
        _ => null,
    };
}
