export async function seedProjects(): Promise<void> {}
