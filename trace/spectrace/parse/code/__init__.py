"""Readers of code blocks: SQL, Prisma, mermaid, TypeScript, Python, Java, C#, routes, schemas."""
