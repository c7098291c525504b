# One image for every service; docker-compose.yml picks the service with `command`.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV HOST=0.0.0.0
EXPOSE 4000 4001 4002 4003 4004 4005
CMD ["npm", "start"]
