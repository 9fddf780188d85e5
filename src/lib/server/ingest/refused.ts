/** A file that cannot be read at all. The message says why, in the user's terms. */
export class RefusedFile extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'RefusedFile';
	}
}
