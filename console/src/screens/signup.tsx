import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate } from "react-router";
import { ApiError, signUp } from "../lib/session";

type Form = { tenantName: string; name: string; email: string; password: string };

/** Sign-up of a company and its first administrator. */
export function SignUpScreen() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Form>();
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await signUp(values);
      navigate("/administracao", { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Não foi possível concluir o cadastro.");
    }
  });
  return (
    <main className="auth">
      <form onSubmit={submit} className="card" noValidate>
        <h1>Cadastre sua empresa</h1>
        <label>
          Nome da empresa
          <input autoComplete="organization" {...register("tenantName", { required: true })} />
        </label>
        <label>
          Seu nome
          <input autoComplete="name" {...register("name", { required: true })} />
        </label>
        <label>
          E-mail
          <input type="email" autoComplete="email" {...register("email", { required: true })} />
        </label>
        <label>
          Senha
          <input type="password" autoComplete="new-password" {...register("password", { required: true })} />
        </label>
        <p className="hint">Use ao menos 10 caracteres; frases longas são mais fáceis de lembrar.</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          Criar conta
        </button>
        <p className="hint">
          Já tem conta? <Link to="/entrar">Entrar</Link>
        </p>
      </form>
    </main>
  );
}
