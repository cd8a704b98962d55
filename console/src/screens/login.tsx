import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation, useNavigate } from "react-router";
import { ApiError, logIn } from "../lib/session";

type Form = { email: string; password: string; totpCode: string };

/** Clear Portuguese for the three refusals a person can act on. */
export function loginMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return "Não foi possível entrar. Tente de novo.";
  if (err.code === "RATE_LIMITED") {
    const wait = Number(err.extensions.retryAfterSeconds ?? 0);
    const when = wait > 90 ? `${Math.ceil(wait / 60)} min` : `${wait || 60} s`;
    return err.extensions.scope === "account"
      ? `Conta bloqueada temporariamente por excesso de tentativas. Tente novamente em ${when}.`
      : `Muitas tentativas a partir desta rede. Tente novamente em ${when}.`;
  }
  if (err.code === "UNAUTHENTICATED") return err.message || "E-mail ou senha inválidos.";
  return err.message;
}

export function LoginScreen() {
  const navigate = useNavigate();
  const location = useLocation();
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Form>({ defaultValues: { email: "", password: "", totpCode: "" } });

  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await logIn({ email: values.email, password: values.password, totpCode: needsCode ? values.totpCode : null });
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== "/entrar" ? from : "/fila", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === "TWO_FACTOR_REQUIRED") {
        setNeedsCode(true);
        setError("Informe o código de 6 dígitos do seu aplicativo autenticador.");
        return;
      }
      setError(loginMessage(err));
    }
  });

  return (
    <main className="auth">
      <form onSubmit={submit} className="card" noValidate>
        <h1>Entrar no Atende</h1>
        <label>
          E-mail
          <input type="email" autoComplete="username" required {...register("email", { required: true })} />
        </label>
        <label>
          Senha
          <input type="password" autoComplete="current-password" required {...register("password", { required: true })} />
        </label>
        {needsCode && (
          <label>
            Código
            <input inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6} autoFocus {...register("totpCode", { required: true })} />
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          Entrar
        </button>
        <p className="hint">
          Primeira vez? <Link to="/cadastro">Cadastre sua empresa</Link>
        </p>
      </form>
    </main>
  );
}
